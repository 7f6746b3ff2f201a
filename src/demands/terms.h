#pragma once
// The words of the service desk that its resources and its workflow share:
// a demand's states, the levels of 好差评 and the reasons a unit may give
// for returning a demand.

#include <vector>

#include "workflow/workflow.h"

namespace alley::demands {

// 待派单 → 已派单 → 已签收 → 处理中 (已挂起) → 已办结 → 已评价 → 关闭.
const std::vector<workflow::State>& demand_states();

// The five levels of 好差评, best first.
const std::vector<workflow::Labelled>& rating_levels();
// 不满意 and 非常不满意 reopen the demand for review.
bool rating_reopens(const std::string& rating);

// 属地不符, 权属不清, 职能交叉, 其他.
const std::vector<workflow::Labelled>& return_reasons();

// Where a demand was received: 线上, 楼门口, 走访, 电话, 早餐会, 12345, 其他.
const std::vector<workflow::Labelled>& channels();

// The levels' ids as the pack names them, lowest first: the order of escalation.
inline constexpr const char* kSubdistrictLevel = "subdistrict";
inline constexpr const char* kDepartmentLevel = "department";
inline constexpr const char* kLeaderLevel = "district_leader";

}  // namespace alley::demands
