#pragma once
#include <functional>
#include <string>
#include <vector>

template <typename T>
class Stack {
public:
  void push(const T &v) { items_.push_back(v); }
  T pop() { T v = items_.back(); items_.pop_back(); return v; }
  bool empty() const { return items_.empty(); }
  std::size_t size() const { return items_.size(); }
  void for_each(const std::function<void(const T &)> &f) const { for (const auto &x : items_) f(x); }
private:
  std::vector<T> items_;
};

int rpn_eval(const std::vector<std::string> &tokens);
std::function<int(int)> make_adder(int n);
