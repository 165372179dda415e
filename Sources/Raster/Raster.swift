import CDejaVu
import CFreeType
enum FontProbe { static var size: Int { Int(nmfviz_dejavu_sans_size) } }
