# posprop diff (issue 14 item 6): included by CMakeLists.txt.
cli_script(diff_findings check_diff.py)
cli_script(diff_independent_ggml_yarn independent_ggml_yarn.py)
cli_test(diff_self EXIT 0 STDOUT "^AGREE: rope-yarn vs rope-yarn" ARGS diff rope-yarn rope-yarn --dims 64)
cli_test(diff_gpt_oss_ggml EXIT 1 STDOUT "DIFFER in 9 of 32 pairs \\(9-17\\)" "^minimal case: head_dim 64, pair 9, position 1 \\(agrees at 0\\)"
  ARGS diff gpt-oss-20b gpt-oss-20b@ggml)
cli_test(diff_json_parses EXIT 1 STDOUT_JSON ARGS diff gpt-oss-20b gpt-oss-20b@ggml-cuda --json)
# Bad input: exit 2, the problem named.
cli_test(diff_one_operand EXIT 2 STDERR "two operands needed" ARGS diff rope-neox)
cli_test(diff_unknown_source EXIT 2 STDERR "operand 'nope@ggml': 'nope' is neither an encoder" ARGS diff rope-neox nope@ggml)
cli_test(diff_unknown_convention EXIT 2 STDERR "operand 'rope-neox@vulkan': unknown convention 'vulkan' \\(known: transformers,"
  ARGS diff rope-neox rope-neox@vulkan)
cli_test(diff_not_pair_rotating EXIT 2 STDERR "'alibi' is not a pair-rotating encoder" ARGS diff alibi rope --dims 64)
cli_test(diff_ggml_has_no_ntk EXIT 2 STDERR "llama.cpp has no 'ntk' scaling" ARGS diff rope-ntk rope-ntk@ggml --dims 64)
cli_test(diff_ratio_needs_config EXIT 2 STDERR "transformers version's reading of a config.json"
  ARGS diff rope-yarn@transformers-ratio rope-yarn)
cli_test(diff_bad_precision EXIT 2 STDERR "'--precision' expects fp32 or fp64, got 'fp16'" ARGS diff rope rope --precision fp16)
cli_test(diff_bad_position EXIT 2 STDERR "position 20000000 is not an integer in \\[0, 16777216\\]"
  ARGS diff rope rope --positions 1,20000000)
cli_test(diff_bad_set EXIT 2 STDERR "unknown parameter 'foo'|'foo'" ARGS diff rope rope --set-a foo=1)
cli_test(diff_dims_fixed EXIT 2 STDERR "'--dims': head_dim is fixed to 64 by operand 'gpt-oss-20b'"
  ARGS diff gpt-oss-20b rope-neox --dims 128)
cli_test(diff_convention_contradicted EXIT 2 STDERR "correction_range=transformers contradicts the convention ggml"
  ARGS diff rope-yarn rope-yarn@ggml --set-b correction_range=transformers)
cli_test(diff_missing_config EXIT 2 STDERR "/nonexistent/config.json" ARGS diff /nonexistent/config.json rope)
cli_test(diff_kernel_attention_factor EXIT 2 STDERR "explicit YaRN attention_factor is not modelled"
  ARGS diff rope-yarn rope-yarn@ggml-cpu --set attention_factor=1.5 --dims 64)
