#include "core/error.h"

namespace alley {

std::string describe(const Error& error) {
  std::string text = error.message;
  for (const FieldError& field : error.fields) {
    text += "\n  " + field.field + ": " + field.message;
  }
  return text;
}

}  // namespace alley
