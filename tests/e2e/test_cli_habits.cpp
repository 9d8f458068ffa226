// End-to-end (CLI habits): a bare `factorlab` lists the commands; --log-level works after
// the command as before it; `factorlab presets` gives one line per configs/*.toml from its first
// comment line; `factorlab config` prints the resolved config, the same text a run folder's
// config.toml gets, which read back gives the same config; study configs print their [study] table
// or one member's config; wrong uses are one-line errors. Torch-free (data, presets, config).
#include <gtest/gtest.h>

#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "cli_runner.h"
#include "factorlab/core/config.h"
#include "factorlab/core/fs.h"
#include "factorlab/core/provenance.h"

using namespace factorlab;

namespace {

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);)
    if (!line.empty()) out.push_back(line);
  return out;
}

// The stdout of a command alone (run_factorlab merges stderr into its output).
CliResult stdout_of(const std::string& args) {
  return run_shell(std::string(FACTORLAB_EXE) + " " + args + " 2>/dev/null");
}

}  // namespace

// --version says the version, and the commit and LibTorch it was built from when known (core/provenance.h).
TEST(CliHabits, VersionNamesTheCommitAndLibTorch) {
  const CliResult r = stdout_of("--version");
  EXPECT_EQ(r.code, 0);
  EXPECT_EQ(r.output, version_line() + "\n");
  EXPECT_EQ(r.output.rfind(std::string("factorlab ") + factorlab_version(), 0), 0u) << r.output;
  const Provenance p = current_provenance();
  if (!p.commit.empty()) {
    EXPECT_NE(r.output.find("commit " + p.commit), std::string::npos) << r.output;
  }
  if (!p.torch.empty()) {
    EXPECT_NE(r.output.find("LibTorch " + p.torch), std::string::npos) << r.output;
  }
}

TEST(CliHabits, BareFactorlabListsTheCommands) {
  for (const char* args : {"", "--log-level info"}) {
    SCOPED_TRACE(args);
    const CliResult r = run_factorlab(args);
    EXPECT_EQ(r.code, 2);
    EXPECT_NE(r.output.find("commands:\n"), std::string::npos) << r.output;
    for (const char* cmd : {"data", "report", "presets", "config", "percolate"})
      EXPECT_NE(r.output.find("\n  " + std::string(cmd) + " "), std::string::npos) << cmd << "\n" << r.output;
    const auto lines = lines_of(r.output);
    ASSERT_FALSE(lines.empty());
    EXPECT_EQ(lines.back().rfind("factorlab: error: a command is required (commands: ", 0), 0u) << lines.back();
  }
}

TEST(CliHabits, LogLevelIsAcceptedAfterTheCommand) {
  const std::string dir = fresh_dir("log_level");
  const std::string data = "data default --set data.N=8 --out " + dir + "/d";
  const CliResult quiet_after = run_factorlab(data + " --log-level quiet");
  ASSERT_EQ(quiet_after.code, 0) << quiet_after.output;
  EXPECT_EQ(quiet_after.output, "");  // applied: no info lines
  const CliResult info_after = run_factorlab(data + " --log-level info");
  ASSERT_EQ(info_after.code, 0) << info_after.output;
  EXPECT_NE(info_after.output.find("data: "), std::string::npos) << info_after.output;
  EXPECT_EQ(run_factorlab("--log-level quiet " + data).output, "");  // before the command, as always
  const CliResult bad = run_factorlab("presets --log-level loud");
  EXPECT_EQ(bad.code, 2);
  EXPECT_NE(bad.output.find("log level 'loud'"), std::string::npos) << bad.output;
}

TEST(CliHabits, PresetsGivesOneLinePerPresetFromItsFirstComment) {
  std::set<std::string> files;
  for (const auto& e : std::filesystem::directory_iterator(std::string(FACTORLAB_SOURCE_DIR) + "/configs"))
    if (e.path().extension() == ".toml") files.insert(e.path().stem().string());
  const CliResult r = stdout_of("presets");
  ASSERT_EQ(r.code, 0) << r.output;
  const auto lines = lines_of(r.output);
  ASSERT_EQ(lines.size(), files.size()) << r.output;
  std::set<std::string> listed;
  for (const auto& line : lines) {
    const std::string name = line.substr(0, line.find(' '));
    listed.insert(name);
    // The rest of the line is the preset's first comment line, read here from the file itself.
    std::ifstream in(std::string(FACTORLAB_SOURCE_DIR) + "/configs/" + name + ".toml");
    std::string first;
    std::getline(in, first);
    ASSERT_EQ(first.rfind("# ", 0), 0u) << name;
    const std::string about = line.substr(line.find_first_not_of(' ', name.size()));
    EXPECT_EQ(about, first.substr(2)) << name;
  }
  EXPECT_EQ(listed, files);
}

TEST(CliHabits, ConfigPrintsWhatARunFolderGetsAndReadsBack) {
  const std::string dir = fresh_dir("config");
  const CliResult r = stdout_of("config default --set train.steps=7 --set data.N=8");
  ASSERT_EQ(r.code, 0) << r.output;
  const toml::table t = parse_toml(r.output, "factorlab config");
  EXPECT_EQ(t["train"]["steps"].value<std::int64_t>(), 7);
  EXPECT_EQ(t["data"]["N"].value<std::int64_t>(), 8);
  EXPECT_TRUE(t["analysis"].is_table());  // every section, every default explicit
  // The same text `factorlab data` (like run) writes to the folder's config.toml.
  ASSERT_EQ(run_factorlab("data default --set train.steps=7 --set data.N=8 --out " + dir + "/d").code, 0);
  EXPECT_EQ(r.output, read_file(dir + "/d/config.toml"));
  // Read back: the printed config as a file resolves to itself.
  write_file_atomic(dir + "/c.toml", r.output);
  EXPECT_EQ(stdout_of("config " + dir + "/c.toml").output, r.output);
  EXPECT_EQ(stdout_of("config").output, stdout_of("config default").output);  // no argument: the default
}

TEST(CliHabits, ConfigOfAStudyAndOfOneOfItsMembers) {
  const CliResult s = stdout_of("config percolation --set study.seeds=2");
  ASSERT_EQ(s.code, 0) << s.output;
  const toml::table t = parse_toml(s.output, "factorlab config percolation");
  EXPECT_EQ(t["study"]["kind"].value<std::string>(), "percolation");
  EXPECT_EQ(t["study"]["seeds"].value<std::int64_t>(), 2);
  // A member as the study runs it: its grid values and its seed applied.
  const CliResult m = stdout_of("config percolation --set study.seeds=2 --member bumps_sigma2.0_lambda0.4_seed1");
  ASSERT_EQ(m.code, 0) << m.output;
  const toml::table c = parse_toml(m.output, "member");
  EXPECT_EQ(c["run"]["name"].value<std::string>(), "bumps_sigma2.0_lambda0.4_seed1");
  EXPECT_EQ(c["data"]["parts"][0]["sigma"].value<double>(), 2.0);
  EXPECT_EQ(c["data"]["parts"][0]["subsample"].value<double>(), 0.4);
  const CliResult m0 = stdout_of("config percolation --member bumps_sigma2.0_lambda0.4");
  ASSERT_EQ(m0.code, 0) << m0.output;
  EXPECT_EQ(parse_toml(m0.output, "member")["train"]["seed"].value<std::int64_t>().value() + 1,
            c["train"]["seed"].value<std::int64_t>().value());
}

TEST(CliHabits, ConfigMistakesAreOneLineErrors) {
  struct Case {
    std::string args, contains;
  };
  for (const Case& k : std::vector<Case>{
           {"config default --set model.base_widht=8", "unknown config key 'model.base_widht'"},
           {"config nosuch", "neither a config file nor a preset"},
           {"config default --member x", "--member applies to study configs"},
           {"config percolation --member nosuch", "--member 'nosuch' is not a member of study 'percolation'"},
           {"presets extra", "extra"}}) {
    SCOPED_TRACE(k.args);
    const CliResult r = run_factorlab(k.args);
    EXPECT_EQ(r.code, 2);
    const auto lines = lines_of(r.output);
    ASSERT_EQ(lines.size(), 1u) << r.output;
    EXPECT_EQ(lines[0].rfind("factorlab: error: ", 0), 0u) << lines[0];
    EXPECT_NE(lines[0].find(k.contains), std::string::npos) << lines[0];
  }
}
