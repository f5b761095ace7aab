// A C++ command linked with --export-dynamic: every default-visibility function is exported (wasm-ld 19
// wraps each in a `.command_export` function, whose name the name section shows demangled).
#include <cstdio>
#include <string>
#include <vector>

namespace shapes {
struct Shape {
  virtual ~Shape() = default;
  virtual double area() const = 0;
};
struct Square : Shape {
  explicit Square(double s) : side(s) {}
  double area() const override { return side * side; }
  double side;
};
double total(const std::vector<Shape *> &all) {
  double sum = 0;
  for (const Shape *s : all) sum += s->area();
  return sum;
}
}  // namespace shapes

std::string describe(int n) { return "n=" + std::to_string(n); }

int main() {
  shapes::Square a(2), b(3);
  std::vector<shapes::Shape *> all{&a, &b};
  std::printf("%.1f %s\n", shapes::total(all), describe(42).c_str());
  return 0;
}
