#include <cstdio>
#include <sstream>
#include "inventory.h"

Item::~Item() = default;

namespace {
struct Book : Item {
  std::string title;
  int pages;
  Book(std::string_view t, int p) : title(t), pages(p) {}
  ~Book() override { std::printf("~Book(%s)\n", title.c_str()); }
  std::string describe() const override {
    std::ostringstream out;
    out << "book \"" << title << "\" (" << pages << " pages)";
    return out.str();
  }
  int price_cents() const override { return 500 + pages * 3; }
};

struct Fruit : Item {
  std::string name;
  int grams;
  Fruit(std::string_view n, int g) : name(n), grams(g) {}
  std::string describe() const override { return "fruit " + name + " " + std::to_string(grams) + "g"; }
  int price_cents() const override { return grams / 4; }
};
}  // namespace

std::unique_ptr<Item> make_book(std::string_view t, int p) { return std::make_unique<Book>(t, p); }
std::unique_ptr<Item> make_fruit(std::string_view n, int g) { return std::make_unique<Fruit>(n, g); }

int ring_demo(int n) {
  Ring<int, 4> r;
  for (int i = 1; i <= n; i++) r.put(i * i);
  return r.sum();
}
