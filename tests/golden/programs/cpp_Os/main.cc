#include <algorithm>
#include <cstdio>
#include <iostream>
#include <numeric>
#include <set>
#include <sstream>
#include <unordered_map>
#include "inventory.h"

int main() {
  std::vector<std::unique_ptr<Item>> items;
  items.push_back(make_book("SICP", 657));
  items.push_back(make_fruit("apple", 180));
  items.push_back(make_book("TAOCP", 672));
  items.push_back(make_fruit("melon", 1500));
  for (const auto &it : items) std::cout << it->describe() << ": " << it->price_cents() << "c\n";
  int total = std::accumulate(items.begin(), items.end(), 0,
                              [](int acc, const std::unique_ptr<Item> &it) { return acc + it->price_cents(); });
  std::cout << "total " << total / 100 << "." << total % 100 << "\n";

  std::unordered_map<std::string, int> counts;
  std::istringstream text("the cat and the hat and the bat sat on the mat");
  for (std::string w; text >> w;) counts[w]++;
  std::vector<std::pair<std::string, int>> sorted(counts.begin(), counts.end());
  std::sort(sorted.begin(), sorted.end(), [](const auto &a, const auto &b) {
    return a.second != b.second ? a.second > b.second : a.first < b.first;
  });
  for (const auto &[w, c] : sorted) std::cout << w << ":" << c << " ";
  std::cout << "\n";

  std::set<int> primes;
  for (int n = 2; n < 60; n++)
    if (std::none_of(primes.begin(), primes.end(), [n](int p) { return n % p == 0; })) primes.insert(n);
  std::ostringstream joined;
  for (int p : primes) joined << p << (p == *primes.rbegin() ? "" : ",");
  std::cout << "primes " << joined.str() << "\n";

  std::string_view sv = "  padded view  ";
  sv.remove_prefix(sv.find_first_not_of(' '));
  sv.remove_suffix(sv.size() - sv.find_last_not_of(' ') - 1);
  std::string upper(sv);
  std::transform(upper.begin(), upper.end(), upper.begin(), [](unsigned char c) { return std::toupper(c); });
  std::cout << "[" << sv << "] -> [" << upper << "]\n";

  Ring<double, 3> r;
  for (double d : {1.5, 2.5, 3.5, 4.5}) r.put(d);
  std::cout << "ring " << r.sum() << " over " << r.count() << ", ring_demo " << ring_demo(6) << std::endl;
  items.clear();  // runs ~Book via the virtual destructor
  std::printf("done\n");
  return 0;
}
