// factorlab — the command-line tool. All logic lives in the modules; this file only hands over argv.
#include "factorlab/cli/commands.h"

int main(int argc, char** argv) { return factorlab::cli::run_cli(argc, argv); }
