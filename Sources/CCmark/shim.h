// libcmark (Debian: libcmark-dev), wrapped by Reports' `Markdown` type; no other module imports it.
#include <cmark.h>
