#pragma once
// The stated-figures module: totals the documents state but do not list
// ("500 多家创新企业", "50 余栋商务楼宇"), each with its source, and where Alley
// keeps the matching records, how many are recorded against what is stated
// (GET /api/v1/stated-figures).

namespace alley::app {
class App;
}

namespace alley::stated {

void register_module(app::App& app);

}  // namespace alley::stated
