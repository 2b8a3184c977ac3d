import SesaApp
