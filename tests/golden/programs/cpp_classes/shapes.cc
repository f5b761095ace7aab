#include "shapes.h"

namespace {
class Circle : public Shape {
public:
  Circle(const std::string &n, double r) : Shape(n), r_(r) {}
  double area() const override { return 3.14159265358979 * r_ * r_; }
  std::string kind() const override { return "circle"; }
private:
  double r_;
};

class Rect : public Shape {
public:
  Rect(const std::string &n, double w, double h) : Shape(n), w_(w), h_(h) {}
  double area() const override { return w_ * h_; }
  std::string kind() const override { return "rect"; }
protected:
  double w_, h_;
};

// Does not override kind(): Rect's is used.
class Square final : public Rect {
public:
  Square(const std::string &n, double s) : Rect(n, s, s) {}
  double area() const override { return w_ * w_; }
};
}  // namespace

std::unique_ptr<Shape> make_circle(const std::string &n, double r) { return std::make_unique<Circle>(n, r); }
std::unique_ptr<Shape> make_rect(const std::string &n, double w, double h) { return std::make_unique<Rect>(n, w, h); }
std::unique_ptr<Shape> make_square(const std::string &n, double s) { return std::make_unique<Square>(n, s); }
