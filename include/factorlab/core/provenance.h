// factorlab/core/provenance.h — what wrote a file: factorlab's version, the git commit it was built
// from (read when CMake configured the build, so a commit made since is not seen; "" when the source is
// not a git checkout), LibTorch's version ("" in a torch-free build), the host and the command line
// (from /proc/self/cmdline, so no global state is needed to remember it). Every stage of a run records
// it in the stage ledger (experiments/stage_ledger.h), and a stage written by another factorlab version
// is run again. Deliberately not here: comparing commits (a rebuild at another commit of the same
// version reuses stages; the commit is there for the reader).
#pragma once
#include <string>

#include "factorlab/core/json.h"

namespace factorlab {

struct Provenance {
  std::string factorlab, commit, torch, host, command;
};

const char* factorlab_version();  // e.g. "0.1.0" (CMakeLists.txt project version)
Provenance current_provenance();
Json to_json(const Provenance& p);  // {"factorlab", "commit", "torch", "host", "command"}

}  // namespace factorlab
