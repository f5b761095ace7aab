#pragma once
#include <memory>
#include <string>
#include <string_view>
#include <vector>

struct Item {
  virtual ~Item();
  virtual std::string describe() const = 0;
  virtual int price_cents() const = 0;
};

std::unique_ptr<Item> make_book(std::string_view title, int pages);
std::unique_ptr<Item> make_fruit(std::string_view name, int grams);

template <typename T, int N>
class Ring {
public:
  void put(T v) { data_[pos_++ % N] = v; if (count_ < N) count_++; }
  T sum() const { T s{}; for (int i = 0; i < count_; i++) s += data_[i]; return s; }
  int count() const { return count_; }
private:
  T data_[N]{};
  int pos_ = 0, count_ = 0;
};

int ring_demo(int n);
