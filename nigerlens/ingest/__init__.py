"""Reading articles: text files with sidecars, saved web pages, and the page furniture set aside."""
