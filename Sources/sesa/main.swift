import Foundation
import SesaApp

exit(await SesaMain.run())
