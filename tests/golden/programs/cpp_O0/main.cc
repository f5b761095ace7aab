#include <algorithm>
#include <iostream>
#include <map>
#include <sstream>
#include "stack.h"

static std::vector<std::string> split(const std::string &s) {
  std::istringstream in(s);
  std::vector<std::string> out;
  for (std::string w; in >> w;) out.push_back(w);
  return out;
}

int main() {
  Stack<std::string> words;
  for (const auto &w : split("templates are instantiated at minus O zero")) words.push(w);
  std::cout << "stack size " << words.size() << ":";
  words.for_each([](const std::string &w) { std::cout << " " << w; });
  std::cout << "\npopped:";
  while (!words.empty()) std::cout << " " << words.pop();
  std::cout << "\n";

  std::cout << "rpn 3 4 + 2 * = " << rpn_eval(split("3 4 + 2 *")) << "\n";
  std::cout << "rpn 100 7 / 3 - = " << rpn_eval(split("100 7 / 3 -")) << "\n";

  auto add5 = make_adder(5);
  std::function<int(int)> twice = [&](int x) { return add5(add5(x)); };
  std::cout << "add5(1)=" << add5(1) << " twice(1)=" << twice(1) << "\n";

  std::vector<std::string> names = {"delta", "alpha", "charlie", "bravo", "echo", "alpha"};
  std::sort(names.begin(), names.end(), [](const std::string &a, const std::string &b) {
    return a.size() != b.size() ? a.size() < b.size() : a < b;
  });
  names.erase(std::unique(names.begin(), names.end()), names.end());
  for (const auto &n : names) std::cout << n << " ";
  std::cout << "\n";

  std::map<int, std::vector<std::string>> by_len;
  for (const auto &n : names) by_len[static_cast<int>(n.size())].push_back(n);
  for (const auto &[len, group] : by_len) std::cout << len << ": " << group.size() << "\n";
  return 0;
}
