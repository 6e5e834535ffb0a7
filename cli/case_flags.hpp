// The bug classes a golden-vectors case targets (its `flags`), their notes (what goes wrong, how
// it shows, a real-world instance: the `notes` section of a vectors file), and the --cases
// selections of `posprop vectors` (which extra cases to add) and `posprop verify` (which cases to
// judge).
#pragma once

#include <set>
#include <string>
#include <vector>

namespace posprop::cli {

/// One flag and its note.
struct FlagNote {
  const char* flag;
  const char* what_goes_wrong;
  const char* how_it_shows;
  const char* real_world;
};

/// Every flag posprop writes, in a fixed order (the order of `notes` in a vectors file).
const std::vector<FlagNote>& flag_notes();
/// The note of `flag`; nullptr when posprop does not know it.
const FlagNote* find_flag_note(const std::string& flag);

/// The classes of extra cases `posprop vectors` can add (besides the requested positions).
const std::vector<std::string>& extra_case_classes();

/// A --cases selection: "all", "none", class names, "-class" to exclude; comma separated.
struct CaseSelection {
  bool all = true;
  std::set<std::string> include, exclude;
  /// Whether a case with these flags is selected.
  bool selects(const std::vector<std::string>& flags) const;
  /// Whether extra cases of `cls` are selected (vectors).
  bool selects_class(const std::string& cls) const;
};

/// Parses --cases; `known` lists the valid class names (InputError naming the option and the
/// unknown class otherwise).
CaseSelection parse_case_selection(const std::string& option, const std::string& text,
                                   const std::vector<std::string>& known);

/// The names of every flag (for verify's --cases).
std::vector<std::string> flag_names();

}  // namespace posprop::cli
