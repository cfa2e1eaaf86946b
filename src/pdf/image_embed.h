/* Image embedding: checked images (base/image.h) as image XObjects. */
#ifndef GP_IMAGE_EMBED_H
#define GP_IMAGE_EMBED_H

#include "base/image.h"

#include <hpdf.h>

/* An image XObject, an RGB one in the ICC profile srgb if one is given
 * (PDF/X: pdfx.h), else in DeviceRGB; NULL with a message in err. */
HPDF_Image gp_image_embed(HPDF_Doc pdf, const gp_image *img, HPDF_Dict srgb, char *err, size_t errlen);

#endif
