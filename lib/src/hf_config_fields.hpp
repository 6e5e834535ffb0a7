// One JSON object of a transformers config.json with typed, checked access: every problem is an
// InputError "FILE: PATH.KEY: what is wrong", and every key read is recorded so that the keys
// left unread can be reported (hf_config.cpp).
#pragma once

#include "posprop/params.hpp"

#include <nlohmann/json.hpp>

#include <optional>
#include <set>
#include <string>
#include <vector>

namespace posprop::hf {

using Json = nlohmann::json;

class Fields {
 public:
  /// `path` is the object's JSON path in messages ("" for the root, "rope_scaling", ...).
  Fields(const Json& object, std::string file, std::string path);

  /// Present and not null (null counts as absent, as transformers' getattr(..., None) does).
  bool has(const std::string& key) const;
  /// "FILE: PATH.KEY" for messages.
  std::string where(const std::string& key) const;
  [[noreturn]] void fail(const std::string& key, const std::string& what) const;

  /// The value's decimal text (integers exactly, doubles shortest round-trip); a finite number.
  std::optional<std::string> number(const std::string& key) const;
  /// A positive integer.
  std::optional<long long> positive_integer(const std::string& key) const;
  std::optional<std::string> text(const std::string& key) const;
  std::optional<bool> boolean(const std::string& key) const;
  /// A non-empty list of finite numbers, as decimal texts.
  std::optional<std::vector<std::string>> numbers(const std::string& key) const;
  /// A JSON object (nullptr when absent or null).
  const Json* object(const std::string& key) const;

  /// Marks a key as read without interpreting it.
  void use(const std::string& key) const { used_.insert(key); }
  /// Keys present (null included) that were never read, sorted.
  std::vector<std::string> unread() const;
  const Json& json() const { return *object_; }
  /// The object at `key` of this one, for nested reading ("rope_parameters.full_attention").
  Fields child(const Json& object, const std::string& key) const {
    return Fields(object, file_, path_.empty() ? key : path_ + "." + key);
  }
  const std::string& file() const { return file_; }
  const std::string& path() const { return path_; }

 private:
  const Json* find(const std::string& key) const;
  const Json* object_;
  std::string file_, path_;
  mutable std::set<std::string> used_;
};

/// The shortest decimal text that reads back as `x` ("8", "0.25", "1.0800000429153442").
std::string number_text(double x);

}  // namespace posprop::hf
