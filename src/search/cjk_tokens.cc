#include "search/cjk_tokens.h"

#include <cstdint>

namespace alley::search {
namespace {

// Decodes one UTF-8 code point at `i`, advancing it; invalid bytes read as U+FFFD.
char32_t next_code_point(std::string_view text, std::size_t& i) {
  const unsigned char c = text[i];
  std::size_t length = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : (c >> 3) == 0x1E ? 4 : 0;
  if (length == 0 || i + length > text.size()) {
    ++i;
    return 0xFFFD;
  }
  char32_t code = length == 1 ? c : c & (0xFF >> (length + 1));
  for (std::size_t k = 1; k < length; ++k) {
    const unsigned char continuation = text[i + k];
    if ((continuation >> 6) != 0x2) {
      ++i;
      return 0xFFFD;
    }
    code = (code << 6) | (continuation & 0x3F);
  }
  i += length;
  return code;
}

bool is_cjk(char32_t c) {
  return (c >= 0x3400 && c <= 0x4DBF) || (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0xF900 && c <= 0xFAFF) ||
         (c >= 0x20000 && c <= 0x2FA1F);
}

bool is_word_char(char32_t c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'); }

// Full-width Latin letters and digits (Ｎｏ．１) read as their ASCII forms.
char32_t fold_width(char32_t c) { return (c >= 0xFF10 && c <= 0xFF5A) ? c - 0xFEE0 : c; }

struct Run {
  bool cjk;
  std::vector<std::string> units;  // CJK: characters; Latin: one lower-cased word
};

std::vector<Run> runs_of(std::string_view text) {
  std::vector<Run> runs;
  std::size_t i = 0;
  while (i < text.size()) {
    const std::size_t start = i;
    const char32_t c = fold_width(next_code_point(text, i));
    if (is_cjk(c)) {
      if (runs.empty() || !runs.back().cjk) runs.push_back({true, {}});
      runs.back().units.emplace_back(text.substr(start, i - start));
    } else if (is_word_char(c)) {
      const char lower = char(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
      if (runs.empty() || runs.back().cjk || runs.back().units.empty()) runs.push_back({false, {std::string()}});
      runs.back().units.back() += lower;
    } else {
      runs.push_back({false, {}});  // a separator ends any run
    }
  }
  std::vector<Run> kept;
  for (Run& run : runs) {
    if (!run.units.empty()) kept.push_back(std::move(run));
  }
  return kept;
}

}  // namespace

std::string index_tokens(std::string_view text) {
  std::string tokens;
  auto add = [&](const std::string& token) {
    if (!tokens.empty()) tokens += ' ';
    tokens += token;
  };
  for (const Run& run : runs_of(text)) {
    if (!run.cjk) {
      add(run.units.front());
      continue;
    }
    for (std::size_t k = 0; k < run.units.size(); ++k) {
      add(run.units[k]);
      if (k + 1 < run.units.size()) add(run.units[k] + run.units[k + 1]);
    }
  }
  return tokens;
}

std::vector<QueryToken> query_tokens(std::string_view text) {
  std::vector<QueryToken> tokens;
  const std::vector<Run> runs = runs_of(text);
  for (std::size_t r = 0; r < runs.size(); ++r) {
    const Run& run = runs[r];
    if (!run.cjk) {
      tokens.push_back({run.units.front(), r + 1 == runs.size()});
    } else if (run.units.size() == 1) {
      tokens.push_back({run.units.front(), false});
    } else {
      for (std::size_t k = 0; k + 1 < run.units.size(); ++k) tokens.push_back({run.units[k] + run.units[k + 1], false});
    }
  }
  return tokens;
}

}  // namespace alley::search
