#pragma once
#include <memory>
#include <string>
#include <vector>

class Shape {
public:
  explicit Shape(std::string name) : name_(std::move(name)) {}
  virtual ~Shape() = default;
  virtual double area() const = 0;
  virtual std::string kind() const { return "shape"; }
  const std::string &name() const { return name_; }
private:
  std::string name_;
};

std::unique_ptr<Shape> make_circle(const std::string &name, double r);
std::unique_ptr<Shape> make_rect(const std::string &name, double w, double h);
std::unique_ptr<Shape> make_square(const std::string &name, double s);

// Instantiated in main.cc and registry.cc: the linker keeps one copy (COMDAT).
template <typename T>
T sum_all(const std::vector<T> &v) {
  T s{};
  for (const auto &x : v) s += x;
  return s;
}

// Inline with a static local: both TUs must share one counter.
inline int next_id() {
  static int id = 0;
  return ++id;
}

void registry_add(const std::string &key, int value);
int registry_get(const std::string &key);
std::vector<std::string> registry_keys();
int registry_sum();
int registry_next_id();
