#ifndef PREDICTIVE_AUTOSCALING_CBLAS_SHIM_H
#define PREDICTIVE_AUTOSCALING_CBLAS_SHIM_H
#include <cblas.h>
/* Declared by OpenBLAS; repeated here so the module does not depend on openblas_config.h layout. */
void openblas_set_num_threads(int num_threads);
#endif
