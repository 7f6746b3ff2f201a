#pragma once
// Simplified ↔ Traditional Chinese with OpenCC. Data is stored once, in
// Simplified; Traditional is produced on the way out in the reader's own
// usage (the Taiwan or Hong Kong standard forms: 為, not OpenCC's generic 爲),
// and what a Traditional client writes is folded back with the inverse of the
// conversion it read, so a record read and saved again comes back unchanged.
// Regional vocabulary (軟體 for 软件, 矽 for 硅) is not substituted on the way
// out: it would rewrite proper names (上海硅巷 → 上海矽巷) and would not round
// trip. Search folds it instead, so a reader who types 軟體 or 矽 still finds.
//
// The application loads one ChineseScript at start from OpenCC's data folder,
// which is configured at run time; a folder without the configurations is a
// clear error then, not a crash on the first request.
//
// Thread-safe: the converters are built once and only read afterwards.

#include <memory>
#include <string>
#include <string_view>

#include "core/error.h"

namespace opencc {
class SimpleConverter;
}

namespace alley::search {

enum class TraditionalUsage {
  kTaiwan,    // 臺灣正體: 為, 裡, 臺 (OpenCC's s2tw / tw2s)
  kHongKong,  // 香港繁體: 為, 裏, 台 (s2hk / hk2s)
};

class ChineseScript {
 public:
  // Unavailable, naming the folder and the file, when a configuration is missing or unreadable.
  static Result<std::shared_ptr<const ChineseScript>> load(const std::string& data_dir);
  // Where Debian's opencc-data puts the configurations; the build may say otherwise.
  static std::string default_data_dir();

  ~ChineseScript();
  ChineseScript(const ChineseScript&) = delete;
  ChineseScript& operator=(const ChineseScript&) = delete;

  std::string to_traditional(std::string_view simplified, TraditionalUsage usage) const;
  // The inverse of to_traditional for `usage`; Simplified text passes unchanged.
  std::string to_simplified(std::string_view text, TraditionalUsage usage) const;
  // The form the search index stores and matches: Simplified, with Taiwan
  // vocabulary folded too (軟體 → 软件, 矽 → 硅), for documents and queries alike.
  std::string search_form(std::string_view text) const;

 private:
  ChineseScript() = default;

  std::unique_ptr<opencc::SimpleConverter> to_taiwan_;
  std::unique_ptr<opencc::SimpleConverter> from_taiwan_;
  std::unique_ptr<opencc::SimpleConverter> to_hong_kong_;
  std::unique_ptr<opencc::SimpleConverter> from_hong_kong_;
  std::unique_ptr<opencc::SimpleConverter> folding_vocabulary_;
};

}  // namespace alley::search
