#include <cstdio>
#include <numeric>
#include <vector>
#include "engine.h"

namespace {
int instances;
struct Announcer {
  Announcer() { std::printf("C++ static constructor before main\n"); }
} announcer;
}  // namespace

struct engine {
  std::vector<double> values;
  explicit engine(int steps) : values(steps) { instances++; }
  ~engine() { instances--; }
};

extern "C" engine *engine_new(int steps) { return new engine(steps); }
extern "C" void engine_run(engine *e, engine_callback cb, void *user) {
  for (std::size_t i = 0; i < e->values.size(); i++) {
    e->values[i] = c_weight(static_cast<int>(i)) * 1.5;
    cb(static_cast<int>(i), e->values[i], user);
  }
}
extern "C" double engine_total(const engine *e) { return std::accumulate(e->values.begin(), e->values.end(), 0.0); }
extern "C" void engine_free(engine *e) { delete e; }
extern "C" int engine_instances(void) { return instances; }
