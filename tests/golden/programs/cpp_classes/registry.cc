#include <cstdio>
#include <map>
#include "shapes.h"

namespace {
// A global with a constructor and a destructor in a second TU.
struct Registry {
  std::map<std::string, int> entries;
  Registry() {
    entries["initial"] = 1;
    std::printf("Registry constructed\n");
  }
  ~Registry() { std::printf("Registry destroyed with %zu entries\n", entries.size()); }
};
Registry registry;
}  // namespace

void registry_add(const std::string &key, int value) { registry.entries[key] += value; }
int registry_get(const std::string &key) {
  auto it = registry.entries.find(key);
  return it == registry.entries.end() ? -1 : it->second;
}
std::vector<std::string> registry_keys() {
  std::vector<std::string> keys;
  for (const auto &kv : registry.entries) keys.push_back(kv.first);
  return keys;
}
int registry_sum() {
  std::vector<int> values;
  for (const auto &kv : registry.entries) values.push_back(kv.second);
  return sum_all(values);
}
int registry_next_id() { return next_id(); }
