#include <algorithm>
#include <iomanip>
#include <iostream>
#include <map>
#include <string>
#include <vector>
#include "shapes.h"

namespace {
struct Tracer {
  const char *name;
  explicit Tracer(const char *n) : name(n) { std::cout << "static init: " << name << "\n"; }
  ~Tracer() { std::cout << "static fini: " << name << std::endl; }
};
Tracer first_tracer("first");
Tracer second_tracer("second");

template <typename K, typename V>
void print_map(const std::map<K, V> &m) {
  for (const auto &[k, v] : m) std::cout << "  " << k << " => " << v << "\n";
}
}  // namespace

int main() {
  std::vector<std::unique_ptr<Shape>> shapes;
  shapes.push_back(make_circle("wheel", 1.5));
  shapes.push_back(make_rect("door", 0.9, 2.1));
  shapes.push_back(make_square("tile", 0.3));
  shapes.push_back(make_circle("coin", 0.0125));
  shapes.push_back(make_rect("table", 2.0, 1.0));

  std::sort(shapes.begin(), shapes.end(),
            [](const auto &a, const auto &b) { return a->area() < b->area(); });
  std::cout << std::fixed << std::setprecision(4);
  for (const auto &s : shapes) {
    std::cout << std::setw(6) << s->name() << " " << std::setw(6) << s->kind() << " " << s->area() << "\n";
    registry_add(s->kind(), 1);
  }

  std::vector<double> areas;
  for (const auto &s : shapes) areas.push_back(s->area());
  std::cout << "total area " << sum_all(areas) << "\n";

  std::map<std::string, int> letters;
  for (char c : std::string("mississippi")) letters[std::string(1, c)]++;
  print_map(letters);

  std::vector<std::string> keys = registry_keys();
  std::reverse(keys.begin(), keys.end());
  for (const auto &k : keys) std::cout << k << "=" << registry_get(k) << " ";
  std::cout << "\nregistry sum " << registry_sum() << ", missing " << registry_get("nope") << "\n";

  // next_id() from both TUs increments one shared counter.
  int a = next_id(), b = registry_next_id(), c = next_id();
  std::cout << "ids " << a << " " << b << " " << c << std::endl;

  std::string s = "The quick brown fox";
  s += " jumps";
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char ch) { return std::toupper(ch); });
  std::cout << s << " (" << s.size() << ")\n";
  return 0;
}
