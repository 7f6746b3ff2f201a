#pragma once
// 提案与建议办理 (proposals/proposal_workflow.h): the proposals and
// suggestions the district's units answer, `/api/v1/proposals`, with the
// workflow module's actions, timeline and clock routes. Registers after the
// workflow module.

namespace alley::app {
class App;
}

namespace alley::proposals {

void register_module(app::App& app);

}  // namespace alley::proposals
