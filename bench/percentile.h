#pragma once
// The share-th value of a benchmark's timings (0.5 the median, 0.99 the p99).

#include <algorithm>
#include <cstddef>
#include <vector>

namespace alley::bench {

inline double percentile(std::vector<double> values, double share) {
  std::sort(values.begin(), values.end());
  return values[std::min(values.size() - 1, std::size_t(share * double(values.size())))];
}

}  // namespace alley::bench
