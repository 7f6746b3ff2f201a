#pragma once
// Tokens for full-text search over Chinese and Latin text. Chinese has no
// spaces, so each run of CJK characters is indexed as its single characters
// and its overlapping pairs (bigrams): a two-character query such as 硅巷 or
// 芯片 is then one exact token, and a longer one is the sequence of its pairs.
// Latin letters and digits form lower-cased words.

#include <string>
#include <string_view>
#include <vector>

namespace alley::search {

// Space-separated tokens to store in the index.
std::string index_tokens(std::string_view text);

struct QueryToken {
  std::string text;
  bool prefix = false;  // the last Latin word matches as a prefix ("silic" finds "silicon")
};

// The tokens all of which a matching document must contain.
std::vector<QueryToken> query_tokens(std::string_view text);

}  // namespace alley::search
