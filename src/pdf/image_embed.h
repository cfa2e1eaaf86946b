/* Image embedding: checked images (base/image.h) as image XObjects. */
#ifndef GP_IMAGE_EMBED_H
#define GP_IMAGE_EMBED_H

#include "base/image.h"

#include <hpdf.h>

/* An image XObject; NULL with a message in err. */
HPDF_Image gp_image_embed(HPDF_Doc pdf, const gp_image *img, char *err, size_t errlen);

#endif
