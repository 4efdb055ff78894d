// XGBoost's C API from Debian's libxgboost-dev (1.7.4), found through pkg-config "xgboost".
#include <xgboost/c_api.h>
