#include "stated/resources.h"

#include "records/common_fields.h"

namespace alley::stated {

using namespace records::vocabulary;

records::ResourceSchema stated_figure_resource() {
  records::ResourceSchema schema{
      "stated_figures",
      "stated_figure",
      "fig",
      "文件所述数字",
      with(common_fields(),
           {{field("value", kReal, "The number as stated (500 for 500 多家)")
                 .labelled("数值", "Value")
                 .is_required()
                 .range(0, std::nullopt),
             enum_field("qualifier", {"exactly", "more_than", "about"}, "整数, 多/余 (more than), 约 (about)")
                 .labelled("约数", "Qualifier")
                 .values_labelled({{"等于", "Exactly"}, {"多", "more than"}, {"约", "about"}})
                 .is_required(),
             field("stated_as", kText, "The figure as the document writes it, e.g. 500 多家")
                 .labelled("原文表述", "As stated")
                 .is_required()
                 .longest(60),
             field("unit", kText, "家, 栋, 个, 项 …").labelled("单位", "Unit").longest(20),
             field("stated_on", kDate, "When the document says it held").labelled("所述日期", "Stated on"),
             field("counted_resource", kText,
                   "The resource whose records it counts, where Alley keeps them (organizations, places …)")
                 .labelled("计数的记录", "Counted records")
                 .longest(60)
                 .filter(),
             field("counted_filter", kText, "Which of them, as list filters: kind=enterprise")
                 .labelled("计数条件", "Counted filter")
                 .longest(200)}}),
      nullptr};
  return schema;
}

}  // namespace alley::stated
