// factorlab/cli/standalone_out.h — where a standalone `sample`, `eval` or `probe` of a run writes when
// no --out is given: RUN/standalone/<command>-<settings>/, a folder named after the options typed, so
// such a command never writes over the run's own stage outputs (config.toml, stages.json and
// results.json describe those, and `factorlab report` reads them). The same settings give the same
// folder (options in their declaration order, --set values in the order given), so repeating a command
// replaces its own earlier result and nothing else.
// Example: `factorlab eval runs/f32 --set eval.conditions=all` -> runs/f32/standalone/eval-conditions=all.
#pragma once
#include <string>

namespace CLI {
class App;
}

namespace factorlab::cli {

// `out` when given; else RUN/standalone/<cmd>-<tag> with the tag built from the options of `cmd` that
// were given (positional arguments and --out excluded): "name=value" joined by ",", a --set's section
// prefix dropped ("eval.steps=4" -> "steps=4"), a --checkpoint as its file stem, characters other than
// [A-Za-z0-9._=+-] replaced by "_"; "default" when none was given; a tag over 80 characters becomes
// its first 60 and a hash of the whole.
std::string standalone_out_dir(const CLI::App& cmd, const std::string& run, const std::string& out);

// Writes OUT/provenance.json (core/provenance.h: version, commit, LibTorch, host, command line) once a
// standalone command has written its outputs there.
void record_provenance(const std::string& out_dir);

}  // namespace factorlab::cli
