from django import forms

from .models import Organization
from .services import CONTACT_FIELDS


class ContactForm(forms.ModelForm):
    class Meta:
        model = Organization
        fields = CONTACT_FIELDS
