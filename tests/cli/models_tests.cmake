# --hf-config / --model / list --models (issue 14 items 1-2): included by CMakeLists.txt.
cli_test(models_list EXIT 0 STDOUT "llama-3.1-8b  \\[rope-llama3, head_dim 128\\]" ARGS list --models)
cli_test(hf_config_missing_file EXIT 2 STDERR "hf-config file ./nonexistent/config.json.: No such file" ARGS freqs --hf-config /nonexistent/config.json)
cli_test(model_unknown EXIT 2 STDERR "unknown model 'llama-9'" ARGS freqs --model llama-9)
cli_test(model_bad_rule EXIT 2 STDERR "'--scaling-rule' expects explicit, ratio or legacy"
  ARGS freqs --model qwen2.5-7b-yarn --scaling-rule newest)
cli_test(model_encoder_disagrees EXIT 2 STDERR "describes 'rope-llama3'"
  ARGS freqs rope-yarn --model llama-3.1-8b)
cli_test(model_layer_type_needed EXIT 2 STDERR "choose one with --layer-type"
  ARGS freqs --hf-config ${PROJECT_SOURCE_DIR}/models/gemma-3-27b-local.json)
cli_test(model_set_unknown_key EXIT 2 STDERR "beta_fast"
  ARGS freqs --model llama-3.1-8b --set beta_fast=4)
cli_test(model_dim_contradicts EXIT 2 STDERR "dim 64 contradicts head_dim = 128 of .*mistral-7b.json"
  ARGS vectors --model mistral-7b --dim 64 --out -)
# check --model: the row is the model's encoder, expectations follow its attention factor.
cli_test(check_model_deepseek EXIT 0 STDOUT "deepseek-v3" ARGS check --model deepseek-v3
  --property "rotation.orthogonal" --cases 5)
cli_test(check_model_gpt_oss EXIT 0 STDOUT "gpt-oss-20b" ARGS check --model gpt-oss-20b
  --property "rotation.orthogonal" --cases 5)
cli_test(check_model_gemma3 EXIT 0 STDOUT "gemma-3-27b-global" ARGS check --model gemma-3-27b-global
  --property "rotation.orthogonal" --cases 5)
add_test(NAME cli/models_catalogue
  COMMAND ${Python3_EXECUTABLE} ${CMAKE_CURRENT_SOURCE_DIR}/check_models.py $<TARGET_FILE:posprop>
  ${PROJECT_SOURCE_DIR}/models)
set_tests_properties(cli/models_catalogue PROPERTIES LABELS "cli;gate")
# conformance/: the vector files of catalogue models are what posprop generates now (drift test).
add_test(NAME cli/conformance_drift
  COMMAND ${Python3_EXECUTABLE} ${PROJECT_SOURCE_DIR}/conformance/regenerate.py
  $<TARGET_FILE:posprop> --check)
set_tests_properties(cli/conformance_drift PROPERTIES LABELS "cli;gate")
cli_test(check_model_no_property EXIT 2 STDERR "property .nope. matches no property"
  ARGS check --model mistral-7b --property nope)
