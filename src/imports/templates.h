#pragma once
// The sheets a person fills to import records: one column per field they
// may set, titled by its label ("名称 *" where it must be filled), in
// Chinese or English; the workbook also lists each column's format and
// choices on a second sheet and offers the choices as a drop-down. The
// import reads these titles back (records/table_io.h).

#include <functional>
#include <string>
#include <vector>

#include "core/error.h"
#include "records/resource_schema.h"

namespace alley::imports {

struct TemplateColumn {
  const records::FieldSpec* spec = nullptr;
  std::string title;                 // "名称 *"
  std::string format;                // how to fill it: 日期，YYYY-MM-DD
  std::vector<std::string> choices;  // the labels of an enumeration, 是/否 for a yes-or-no field
};

// Text in Simplified Chinese into the reader's script (Traditional, in the
// region's usage), or unchanged.
using Localise = std::function<std::string(const std::string&)>;

// The fields `standing` may write, but an id (minted on import) and the
// synthetic mark (an import brings real records). `english`: English titles.
std::vector<TemplateColumn> template_columns(const records::ResourceSchema& schema, records::Writer standing,
                                             bool english, const Localise& localise);

Result<std::string> template_workbook(const records::ResourceSchema& schema, const std::vector<TemplateColumn>& columns,
                                      bool english, const Localise& localise);

// The header row alone, UTF-8 with a BOM so that spreadsheets open it as such.
std::string template_csv(const std::vector<TemplateColumn>& columns);

}  // namespace alley::imports
