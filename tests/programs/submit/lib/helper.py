# A module that conf_layers.py imports through --py-files.
def shout(text):
    return text.upper() + "!"
