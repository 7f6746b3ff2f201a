#include "imports/templates.h"

#include <cmath>

#include "sheets/workbook_file.h"

namespace alley::imports {
namespace {

using records::FieldSpec;
using records::FieldType;

std::string number_text(double value) {
  if (value == std::floor(value) && std::abs(value) < 1e15) return std::to_string(std::int64_t(value));
  std::string text = std::to_string(value);
  while (text.back() == '0') text.pop_back();
  return text;
}

std::string bounds(const FieldSpec& spec, bool english) {
  if (!spec.minimum && !spec.maximum) return "";
  const std::string low = spec.minimum ? number_text(*spec.minimum) : "";
  const std::string high = spec.maximum ? number_text(*spec.maximum) : "";
  if (spec.minimum && spec.maximum) return english ? ", " + low + " to " + high : "，" + low + "～" + high;
  if (spec.minimum)
    return english ? (spec.exclusive_minimum ? ", above " : ", at least ") + low
                   : (spec.exclusive_minimum ? "，大于 " : "，不小于 ") + low;
  return english ? ", at most " + high : "，不大于 " + high;
}

std::string format_of(const FieldSpec& spec, bool english) {
  const std::string target = spec.referenced ? (english ? spec.referenced->singular : spec.referenced->title_zh) : "";
  switch (spec.type) {
    case FieldType::kInteger:
      return (english ? "Whole number" : "整数") + bounds(spec, english);
    case FieldType::kReal:
      return (english ? "Number" : "数字") + bounds(spec, english);
    case FieldType::kBool:
      return english ? "true or false" : "是或否";
    case FieldType::kDate:
      return english ? "Date, YYYY-MM-DD" : "日期，YYYY-MM-DD";
    case FieldType::kEnum:
      return english ? "One of the choices listed" : "从下拉列表中选择";
    case FieldType::kTextArray:
      if (spec.referenced)
        return english ? "Names or ids of " + spec.referenced->name + ", separated by ;"
                       : "填写" + target + "的名称或编号，多个以分号（；）分隔";
      return english ? "Several values, separated by ;" : "可填多项，以分号（；）分隔";
    case FieldType::kReference:
      return english ? "The name or id of a " + target : "填写" + target + "的名称或编号";
    case FieldType::kGeometry:
      return english ? "GeoJSON geometry in WGS84" : "GeoJSON 几何图形（WGS84）";
    case FieldType::kJson:
      return "JSON";
    case FieldType::kText:
      break;
  }
  if (spec.max_length < 4000)
    return english ? "Text, at most " + std::to_string(spec.max_length) + " characters"
                   : "文本，不超过 " + std::to_string(spec.max_length) + " 字";
  return english ? "Text" : "文本";
}

bool may_write(const FieldSpec& spec, records::Writer standing) {
  return int(standing) >= int(spec.written_by) || spec.claimable;
}

}  // namespace

std::vector<TemplateColumn> template_columns(const records::ResourceSchema& schema, records::Writer standing,
                                             bool english, const Localise& localise) {
  std::vector<TemplateColumn> columns;
  for (const FieldSpec& spec : schema.fields) {
    if (spec.name == "id" || spec.name == "synthetic" || !may_write(spec, standing)) continue;
    TemplateColumn column;
    column.spec = &spec;
    const std::string label = english ? (spec.label_en.empty() ? spec.name : spec.label_en)
                                      : (spec.label.empty() ? spec.name : localise(spec.label));
    column.title = label + (spec.required ? " *" : "");
    column.format = english ? format_of(spec, true) : localise(format_of(spec, false));
    if (spec.type == FieldType::kEnum) {
      for (std::size_t i = 0; i < spec.values.size(); ++i) {
        const bool labelled = i < spec.value_labels.size();
        column.choices.push_back(!labelled ? spec.values[i]
                                 : english ? spec.value_labels[i].second
                                           : localise(spec.value_labels[i].first));
      }
    } else if (spec.type == FieldType::kBool) {
      column.choices = english ? std::vector<std::string>{"true", "false"}
                               : std::vector<std::string>{localise("是"), localise("否")};
    }
    columns.push_back(std::move(column));
  }
  return columns;
}

Result<std::string> template_workbook(const records::ResourceSchema& schema, const std::vector<TemplateColumn>& columns,
                                      bool english, const Localise& localise) {
  const auto path = sheets::temporary_workbook_path("template");
  lxw_workbook* workbook = workbook_new(path.c_str());
  if (!workbook) return Error::internal("cannot start a workbook in the temporary folder");
  const std::string records_title = english ? schema.name : localise(schema.title_zh);
  const std::string guide_title = english ? "How to fill" : localise("填写说明");
  lxw_worksheet* sheet = workbook_add_worksheet(workbook, records_title.c_str());
  lxw_worksheet* guide = workbook_add_worksheet(workbook, guide_title.c_str());
  const auto [header, wrap] = sheets::add_house_formats(workbook);
  // Every cell of the records' sheet is text, so that a code such as
  // 0012 or a USCC keeps its digits.
  lxw_format* text = workbook_add_format(workbook);
  format_set_num_format(text, "@");

  for (std::size_t c = 0; c < columns.size(); ++c) {
    const TemplateColumn& column = columns[c];
    const auto col = lxw_col_t(c);
    const bool is_text = column.spec->type != FieldType::kInteger && column.spec->type != FieldType::kReal &&
                         column.spec->type != FieldType::kDate;
    worksheet_set_column(sheet, col, col, 18, is_text ? text : nullptr);
    worksheet_write_string(sheet, 0, col, column.title.c_str(), header);
    if (!column.choices.empty()) {
      std::vector<const char*> list;
      for (const std::string& choice : column.choices) list.push_back(choice.c_str());
      list.push_back(nullptr);
      lxw_data_validation validation{};
      validation.validate = LXW_VALIDATION_TYPE_LIST;
      validation.value_list = const_cast<char**>(list.data());
      // A list longer than a spreadsheet takes (255 characters) is left to the guide sheet.
      (void)worksheet_data_validation_range(sheet, 1, col, 10000, col, &validation);
    }
  }
  worksheet_freeze_panes(sheet, 1, 0);

  const char* guide_headers[] = {"列", "必填", "格式", "可选值"};
  const char* guide_headers_en[] = {"Column", "Required", "Format", "Choices"};
  const double widths[] = {22, 8, 40, 60};
  for (lxw_col_t c = 0; c < 4; ++c) {
    worksheet_set_column(guide, c, c, widths[c], wrap);
    worksheet_write_string(guide, 0, c, english ? guide_headers_en[c] : localise(guide_headers[c]).c_str(), header);
  }
  for (std::size_t r = 0; r < columns.size(); ++r) {
    const TemplateColumn& column = columns[r];
    const auto row = lxw_row_t(r + 1);
    std::string choices;
    for (const std::string& choice : column.choices) choices += (choices.empty() ? "" : english ? "; " : "；") + choice;
    worksheet_write_string(guide, row, 0, column.title.c_str(), nullptr);
    worksheet_write_string(guide, row, 1, column.spec->required ? (english ? "yes" : localise("是").c_str()) : "",
                           nullptr);
    worksheet_write_string(guide, row, 2, column.format.c_str(), nullptr);
    worksheet_write_string(guide, row, 3, choices.c_str(), nullptr);
  }
  return sheets::close_and_read(workbook, path);
}

std::string template_csv(const std::vector<TemplateColumn>& columns) {
  std::string csv = "\xEF\xBB\xBF";
  for (std::size_t c = 0; c < columns.size(); ++c) {
    const std::string& title = columns[c].title;
    csv += c ? "," : "";
    csv += title.find_first_of(",\"") == std::string::npos ? title : "\"" + title + "\"";
  }
  return csv + "\r\n";
}

}  // namespace alley::imports
