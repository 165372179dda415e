import CPNG
import CGIF
import Raster
