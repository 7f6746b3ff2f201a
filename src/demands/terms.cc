#include "demands/terms.h"

namespace alley::demands {

const std::vector<workflow::State>& demand_states() {
  static const std::vector<workflow::State> states = {
      {{"pending_dispatch", "待派单", "Awaiting dispatch"}},
      {{"dispatched", "已派单", "Dispatched"}},
      {{"accepted", "已签收", "Accepted"}},
      {{"in_progress", "处理中", "In progress"}},
      {{"suspended", "已挂起", "Suspended"}},
      {{"resolved", "已办结", "Resolved"}},
      {{"rated", "已评价", "Rated"}},
      {{"closed", "关闭", "Closed"}, false},
  };
  return states;
}

const std::vector<workflow::Labelled>& rating_levels() {
  static const std::vector<workflow::Labelled> levels = {
      {"very_satisfied", "非常满意", "Very satisfied"},
      {"satisfied", "满意", "Satisfied"},
      {"fair", "基本满意", "Fairly satisfied"},
      {"dissatisfied", "不满意", "Dissatisfied"},
      {"very_dissatisfied", "非常不满意", "Very dissatisfied"},
  };
  return levels;
}

bool rating_reopens(const std::string& rating) { return rating == "dissatisfied" || rating == "very_dissatisfied"; }

const std::vector<workflow::Labelled>& return_reasons() {
  static const std::vector<workflow::Labelled> reasons = {
      {"wrong_area", "属地不符", "Not in the unit's area"},
      {"unclear_ownership", "权属不清", "Unclear whose it is"},
      {"overlapping_duties", "职能交叉", "Overlapping duties"},
      {"other", "其他", "Other"},
  };
  return reasons;
}

const std::vector<workflow::Labelled>& channels() {
  static const std::vector<workflow::Labelled> list = {
      {"online", "线上", "Online"},
      {"building_desk", "楼门口", "Building service desk"},
      {"visit", "走访", "Visit"},
      {"phone", "电话", "Phone"},
      {"breakfast", "早餐会", "Breakfast meeting"},
      {"hotline", "12345热线", "12345 hotline"},
      {"other", "其他", "Other"},
  };
  return list;
}

}  // namespace alley::demands
