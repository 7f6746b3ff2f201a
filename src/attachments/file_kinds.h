#pragma once
// Which files Alley keeps, told by their bytes, not by what the sender says
// they are: PDF, PNG, JPEG, the Office Open XML documents (Word, Excel,
// PowerPoint) and UTF-8 text. What a browser would run (HTML, SVG, scripts)
// is never among them.

#include <optional>
#include <string>
#include <string_view>

namespace alley::attachments {

// The content type to store and serve the file as; nullopt for a kind not
// kept, or when the name's extension promises another kind (a text named .pdf).
std::optional<std::string> content_type_of(std::string_view bytes, std::string_view file_name);

// The file name to keep: its last path segment, trimmed; an error message
// when nothing usable remains (empty, control characters, too long).
struct CheckedName {
  std::string name;
  std::string problem;  // empty when name is good
};
CheckedName checked_file_name(std::string_view sent);

}  // namespace alley::attachments
