// The one translation unit that holds doctest's main; the tests live in unit-<topic>.cpp.
#define DOCTEST_CONFIG_IMPLEMENT_WITH_MAIN
#include <doctest/doctest.h>
