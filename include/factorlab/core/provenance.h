// factorlab/core/provenance.h — what wrote a file: factorlab's version, the git commit it was built
// from (read at every build by cmake/write_commit.cmake, "-dirty" appended when tracked files differed
// from it then; "" when the source is not a git checkout), LibTorch's version ("" in a torch-free
// build), the host and the command line (from /proc/self/cmdline, so no global state is needed to
// remember it). Every stage of a run records it in the stage ledger (experiments/stage_ledger.h): a
// stage written by another factorlab version is run again; one written at another commit of the same
// version is reused with a warning, and the ledger entry says which commit reused it.
#pragma once
#include <string>

#include "factorlab/core/json.h"

namespace factorlab {

struct Provenance {
  std::string factorlab, commit, torch, host, command;
};

const char* factorlab_version();  // e.g. "0.1.0" (CMakeLists.txt project version)
Provenance current_provenance();
// "factorlab 0.1.0 (commit 8cba466a1b2c, LibTorch 1.13.1)" (--version); the parts not known are left out.
std::string version_line();
Json to_json(const Provenance& p);  // {"factorlab", "commit", "torch", "host", "command"}

}  // namespace factorlab
