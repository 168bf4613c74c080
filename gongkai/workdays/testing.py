# The calendar is shared by every organization, so its pages take the year as a query parameter (?year=2024),
# not as a URL kwarg: there is no object of one organization to isolate.
URL_KWARGS: dict = {}
