/* A shared library that is not a posprop plugin: `posprop check --plugin` must exit 2. */
int not_a_plugin(void) {
  return 0;
}
