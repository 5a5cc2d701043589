"""The incident map (core, no Qt): folium HTML that renders offline, map layers, spatial answers."""
