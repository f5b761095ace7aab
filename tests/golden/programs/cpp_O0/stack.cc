#include <map>
#include "stack.h"

int rpn_eval(const std::vector<std::string> &tokens) {
  static const std::map<std::string, std::function<int(int, int)>> ops = {
    {"+", [](int a, int b) { return a + b; }},
    {"-", [](int a, int b) { return a - b; }},
    {"*", [](int a, int b) { return a * b; }},
    {"/", [](int a, int b) { return b ? a / b : 0; }},
  };
  Stack<int> st;
  for (const auto &t : tokens) {
    auto it = ops.find(t);
    if (it == ops.end()) { st.push(std::stoi(t)); continue; }
    int b = st.pop(), a = st.pop();
    st.push(it->second(a, b));
  }
  return st.pop();
}

std::function<int(int)> make_adder(int n) {
  return [n](int x) { return x + n; };
}
