#ifndef SAFETYCODE_CLIBYAML_SHIM_H
#define SAFETYCODE_CLIBYAML_SHIM_H
#include <yaml.h>
#endif
