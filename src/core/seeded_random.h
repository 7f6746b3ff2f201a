#pragma once
// Randomness for synthetic demonstration data, the same on every platform
// and every run for a seed, so a demo population is reproducible.

#include <cmath>
#include <cstdint>
#include <vector>

namespace alley {

// splitmix64: tiny, fast and identical on every platform, unlike the
// standard library's distributions.
class SeededRandom {
 public:
  explicit SeededRandom(std::uint64_t seed) : state_(seed) {}
  std::uint64_t next() {
    std::uint64_t z = (state_ += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
  }
  double uniform() { return double(next() >> 11) / double(1ULL << 53); }
  std::size_t below(std::size_t n) { return std::size_t(next() % n); }
  bool chance(double p) { return uniform() < p; }
  template <typename T>
  const T& pick(const std::vector<T>& items) {
    return items[below(items.size())];
  }
  // Index drawn with the given weights.
  std::size_t weighted(const std::vector<double>& weights) {
    double total = 0;
    for (double w : weights) total += w;
    double r = uniform() * total;
    for (std::size_t i = 0; i < weights.size(); ++i) {
      if ((r -= weights[i]) < 0) return i;
    }
    return weights.size() - 1;
  }
  double log_normal(double median, double spread) {
    const double u1 = std::max(uniform(), 1e-12), u2 = uniform();
    const double normal = std::sqrt(-2 * std::log(u1)) * std::cos(2 * 3.14159265358979 * u2);
    return median * std::exp(spread * normal);
  }

 private:
  std::uint64_t state_;
};

}  // namespace alley
