#include "sheets/xlsx_reader.h"

#include <expat.h>
#include <zip.h>

#include <cstdlib>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>

namespace alley::sheets {
namespace {

// No part of a workbook of 10,000 rows comes near this; a part that claims
// more is a damaged file or a zip bomb.
constexpr zip_uint64_t kMaxPartBytes = 64u << 20;

struct ArchiveCloser {
  void operator()(zip_t* archive) const { zip_discard(archive); }
};
using Archive = std::unique_ptr<zip_t, ArchiveCloser>;

Result<Archive> open_archive(std::string_view bytes) {
  zip_error_t error;
  zip_error_init(&error);
  zip_source_t* source = zip_source_buffer_create(bytes.data(), bytes.size(), 0, &error);
  if (!source) return Error::internal("cannot read the upload: " + std::string(zip_error_strerror(&error)));
  zip_t* archive = zip_open_from_source(source, ZIP_RDONLY | ZIP_CHECKCONS, &error);
  if (!archive) {
    zip_source_free(source);
    zip_error_fini(&error);
    return Error::malformed("the file is not an XLSX workbook (it is not a readable ZIP archive); save it as .xlsx");
  }
  return Archive(archive);
}

// A part of the package; nullopt where the package has none of that name.
Result<std::optional<std::string>> read_part(zip_t* archive, const std::string& name) {
  const zip_int64_t index = zip_name_locate(archive, name.c_str(), 0);
  if (index < 0) return std::optional<std::string>();
  zip_stat_t stat;
  if (zip_stat_index(archive, zip_uint64_t(index), 0, &stat) != 0 || !(stat.valid & ZIP_STAT_SIZE))
    return Error::malformed("the workbook's part " + name + " cannot be read");
  if (stat.size > kMaxPartBytes) return Error::malformed("the workbook's part " + name + " is larger than 64 MiB");
  zip_file_t* file = zip_fopen_index(archive, zip_uint64_t(index), 0);
  if (!file) return Error::malformed("the workbook's part " + name + " cannot be opened: it is damaged or encrypted");
  std::string content(stat.size, '\0');
  const zip_int64_t read = zip_fread(file, content.data(), stat.size);
  zip_fclose(file);
  if (read < 0 || zip_uint64_t(read) != stat.size)
    return Error::malformed("the workbook's part " + name + " is damaged");
  return std::optional<std::string>(std::move(content));
}

// Element events of one XML part, by local name (a prefix such as x: is dropped).
struct XmlEvents {
  std::function<void(std::string_view name, const char** attributes)> start;
  std::function<void(std::string_view name)> end;
  std::function<void(std::string_view text)> text;
};

std::string_view local_name(const char* name) {
  std::string_view full(name);
  const std::size_t colon = full.rfind(':');
  return colon == std::string_view::npos ? full : full.substr(colon + 1);
}

const char* attribute(const char** attributes, std::string_view wanted) {
  for (std::size_t i = 0; attributes[i]; i += 2) {
    if (local_name(attributes[i]) == wanted) return attributes[i + 1];
  }
  return nullptr;
}

Status parse_xml(const std::string& xml, const std::string& part, XmlEvents& events) {
  struct ParserFree {
    void operator()(XML_Parser parser) const { XML_ParserFree(parser); }
  };
  std::unique_ptr<XML_ParserStruct, ParserFree> parser(XML_ParserCreate(nullptr));
  if (!parser) return Error::internal("cannot start the XML reader");
  XML_SetUserData(parser.get(), &events);
  XML_SetElementHandler(
      parser.get(),
      [](void* data, const char* name, const char** attributes) {
        auto* handlers = static_cast<XmlEvents*>(data);
        if (handlers->start) handlers->start(local_name(name), attributes);
      },
      [](void* data, const char* name) {
        auto* handlers = static_cast<XmlEvents*>(data);
        if (handlers->end) handlers->end(local_name(name));
      });
  XML_SetCharacterDataHandler(parser.get(), [](void* data, const char* text, int length) {
    auto* handlers = static_cast<XmlEvents*>(data);
    if (handlers->text) handlers->text(std::string_view(text, std::size_t(length)));
  });
  if (XML_Parse(parser.get(), xml.data(), int(xml.size()), 1) == XML_STATUS_ERROR) {
    return Error::malformed("the workbook's part " + part + " is not well-formed XML (line " +
                            std::to_string(XML_GetCurrentLineNumber(parser.get())) +
                            "): " + XML_ErrorString(XML_GetErrorCode(parser.get())));
  }
  return ok_status();
}

// The worksheet the workbook lists first, as a part name: xl/workbook.xml
// names it by relationship, xl/_rels/workbook.xml.rels gives its target.
Result<std::string> first_sheet_part(zip_t* archive) {
  Result<std::optional<std::string>> workbook = read_part(archive, "xl/workbook.xml");
  if (!workbook) return workbook.error();
  if (!workbook.value()) return Error::malformed("the file is not an XLSX workbook: it has no xl/workbook.xml");
  std::string relationship;
  XmlEvents find_sheet;
  find_sheet.start = [&](std::string_view name, const char** attributes) {
    if (name != "sheet" || !relationship.empty()) return;
    if (const char* id = attribute(attributes, "id")) relationship = id;
  };
  if (Status parsed = parse_xml(*workbook.value(), "xl/workbook.xml", find_sheet); !parsed) return parsed.error();
  if (relationship.empty()) return Error::malformed("the workbook lists no worksheet");

  Result<std::optional<std::string>> rels = read_part(archive, "xl/_rels/workbook.xml.rels");
  if (!rels) return rels.error();
  std::string target;
  if (rels.value()) {
    XmlEvents find_target;
    find_target.start = [&](std::string_view name, const char** attributes) {
      const char* id = attribute(attributes, "Id");
      const char* where = attribute(attributes, "Target");
      if (name == "Relationship" && id && where && relationship == id) target = where;
    };
    if (Status parsed = parse_xml(*rels.value(), "xl/_rels/workbook.xml.rels", find_target); !parsed)
      return parsed.error();
  }
  if (target.empty()) return Error::malformed("the workbook does not say where its first worksheet is");
  return target.starts_with("/") ? target.substr(1) : "xl/" + target;
}

Result<std::vector<std::string>> shared_strings(zip_t* archive) {
  std::vector<std::string> strings;
  Result<std::optional<std::string>> part = read_part(archive, "xl/sharedStrings.xml");
  if (!part) return part.error();
  if (!part.value()) return strings;  // a workbook of numbers, or of inline strings only
  std::string current;
  bool in_text = false;
  int in_phonetic = 0;  // the reading guides (rPh) are not the cell's text
  XmlEvents events;
  events.start = [&](std::string_view name, const char**) {
    if (name == "si") current.clear();
    if (name == "rPh") ++in_phonetic;
    if (name == "t" && !in_phonetic) in_text = true;
  };
  events.end = [&](std::string_view name) {
    if (name == "t") in_text = false;
    if (name == "rPh") --in_phonetic;
    if (name == "si") strings.push_back(std::move(current));
  };
  events.text = [&](std::string_view text) {
    if (in_text) current += text;
  };
  if (Status parsed = parse_xml(*part.value(), "xl/sharedStrings.xml", events); !parsed) return parsed.error();
  return strings;
}

// "BC12" → column 54 (0-based 54 is BC) ; nullopt for a reference without letters.
std::optional<std::size_t> column_of(std::string_view reference) {
  std::size_t column = 0, letters = 0;
  for (char c : reference) {
    if (c < 'A' || c > 'Z') break;
    column = column * 26 + std::size_t(c - 'A' + 1);
    if (++letters > 3) return std::nullopt;
  }
  if (!letters) return std::nullopt;
  return column - 1;
}

}  // namespace

Result<std::vector<records::TableRow>> read_first_sheet(std::string_view bytes) {
  Result<Archive> archive = open_archive(bytes);
  if (!archive) return archive.error();
  Result<std::string> sheet_name = first_sheet_part(archive->get());
  if (!sheet_name) return sheet_name.error();
  Result<std::vector<std::string>> strings = shared_strings(archive->get());
  if (!strings) return strings.error();
  Result<std::optional<std::string>> sheet = read_part(archive->get(), sheet_name.value());
  if (!sheet) return sheet.error();
  if (!sheet.value()) return Error::malformed("the workbook's first worksheet (" + sheet_name.value() + ") is missing");

  std::vector<records::TableRow> rows;
  records::TableRow row;
  std::size_t next_row = 1, next_column = 0, column = 0;
  std::string type, value;
  bool in_value = false, in_cell = false;
  std::optional<Error> refused;
  XmlEvents events;
  events.start = [&](std::string_view name, const char** attributes) {
    if (refused) return;
    if (name == "row") {
      const char* number = attribute(attributes, "r");
      row = {number ? std::size_t(std::strtoull(number, nullptr, 10)) : next_row, {}};
      if (row.number == 0) row.number = next_row;
      next_row = row.number + 1;
      next_column = 0;
      if (row.number > kMaxSheetRows)
        refused = Error::malformed("the sheet has more than " + std::to_string(kMaxSheetRows - 1) +
                                   " rows of records; split it into several files");
    } else if (name == "c") {
      const char* reference = attribute(attributes, "r");
      const char* kind = attribute(attributes, "t");
      column = reference ? column_of(reference).value_or(next_column) : next_column;
      next_column = column + 1;
      type = kind ? kind : "n";
      value.clear();
      in_cell = true;
      if (column >= kMaxSheetColumns)
        refused = Error::malformed("the sheet has a value past column " + std::to_string(kMaxSheetColumns) +
                                   " in row " + std::to_string(row.number) + "; no resource has that many fields");
    } else if (in_cell && (name == "v" || (name == "t" && type == "inlineStr"))) {
      in_value = true;
    }
  };
  events.end = [&](std::string_view name) {
    if (refused) return;
    if (name == "v" || name == "t") in_value = false;
    if (name == "c") {
      in_cell = false;
      if (type == "s") {
        std::size_t index = std::size_t(-1);
        if (!value.empty() && value.find_first_not_of("0123456789") == std::string::npos)
          index = std::size_t(std::strtoull(value.c_str(), nullptr, 10));
        if (index >= strings->size()) {
          refused = Error::malformed("a cell in row " + std::to_string(row.number) +
                                     " names a shared string the workbook does not hold");
          return;
        }
        value = (*strings)[index];
      }
      if (value.empty()) return;
      if (row.cells.size() <= column) row.cells.resize(column + 1);
      row.cells[column] = std::move(value);
      value.clear();
    }
    if (name == "row") {
      if (!row.cells.empty()) rows.push_back(std::move(row));
      row = {};
    }
  };
  events.text = [&](std::string_view text) {
    if (in_value) value += text;
  };
  if (Status parsed = parse_xml(*sheet.value(), sheet_name.value(), events); !parsed) return parsed.error();
  if (refused) return *refused;
  return rows;
}

}  // namespace alley::sheets
