/**
 * Name hierarchy for `select: person`, `relate: device,with,o`, `choose name: ...`: GQA programs often
 * name a class (person, animal, clothing, furniture, vehicle, ...) where the scene graph has the specific
 * object (man, cow, shirt, shelf, truck). Category -> members, written for this project; members are
 * singular and may themselves be categories (food includes fruit), which the matcher follows.
 */

/** Category name -> member names (singular). */
export type NameHierarchy = Readonly<Record<string, readonly string[]>>;

export const DEFAULT_HYPERNYMS: NameHierarchy = Object.freeze({
  person: [
    'man', 'woman', 'boy', 'girl', 'child', 'kid', 'baby', 'toddler', 'lady', 'guy', 'gentleman', 'adult',
    'teenager', 'player', 'tennis player', 'baseball player', 'soccer player', 'catcher', 'batter',
    'pitcher', 'umpire', 'skier', 'surfer', 'skateboarder', 'snowboarder', 'biker', 'cyclist', 'rider',
    'driver', 'passenger', 'pedestrian', 'spectator', 'tourist', 'worker', 'chef', 'cook', 'waiter',
    'waitress', 'officer', 'police officer', 'policeman', 'soldier', 'doctor', 'nurse', 'student',
    'teacher', 'customer', 'vendor', 'athlete', 'bride', 'groom', 'mother', 'father', 'friend', 'crowd',
    'audience', 'family', 'couple', 'skater', 'swimmer', 'jockey', 'cowboy', 'farmer', 'fan',
  ],
  animal: [
    'dog', 'puppy', 'cat', 'kitten', 'horse', 'pony', 'foal', 'cow', 'calf', 'bull', 'cattle', 'sheep',
    'lamb', 'goat', 'pig', 'elephant', 'giraffe', 'zebra', 'bear', 'polar bear', 'bird', 'duck',
    'goose', 'pigeon', 'seagull', 'gull', 'chicken', 'swan', 'owl', 'parrot', 'deer', 'lion', 'tiger',
    'monkey', 'rabbit', 'bunny', 'mouse', 'squirrel', 'fish', 'donkey', 'camel', 'frog', 'turtle',
    'butterfly', 'insect', 'bee', 'antelope', 'buffalo', 'rhino', 'hippo', 'kangaroo', 'fox', 'wolf',
  ],
  clothing: [
    'shirt', 't-shirt', 'jacket', 'coat', 'dress', 'pants', 'trousers', 'jeans', 'shorts', 'skirt',
    'sweater', 'hoodie', 'sweatshirt', 'vest', 'uniform', 'suit', 'snowsuit', 'wetsuit', 'swimsuit',
    'bikini', 'tank top', 'blouse', 'trunks', 'jersey', 'robe', 'apron', 'outfit', 'costume', 'pajamas',
    'scarf', 'tie', 'hat', 'cap', 'beanie', 'glove', 'mitten', 'sock', 'shoe', 'sneaker', 'boot',
    'sandal', 'slipper', 'belt', 'leggings', 'overalls', 'raincoat', 'tights', 'clothes',
  ],
  furniture: [
    'chair', 'table', 'desk', 'couch', 'sofa', 'bed', 'shelf', 'bookshelf', 'bookcase', 'cabinet',
    'cupboard', 'dresser', 'drawer', 'bench', 'stool', 'nightstand', 'armchair', 'ottoman',
    'coffee table', 'wardrobe', 'counter', 'side table', 'end table', 'recliner', 'crib', 'headboard',
  ],
  vehicle: [
    'car', 'truck', 'bus', 'train', 'locomotive', 'motorcycle', 'bicycle', 'bike', 'van', 'minivan',
    'taxi', 'cab', 'airplane', 'plane', 'jet', 'boat', 'ship', 'sailboat', 'tractor', 'fire truck',
    'scooter', 'trolley', 'tram', 'suv', 'jeep', 'ambulance', 'helicopter', 'cart', 'wagon',
    'pickup truck', 'kayak', 'canoe', 'carriage', 'motorbike', 'limo', 'yacht',
  ],
  device: [
    'phone', 'cellphone', 'cell phone', 'mobile phone', 'smartphone', 'laptop', 'computer', 'monitor',
    'screen', 'television', 'tv', 'keyboard', 'computer mouse', 'remote control', 'remote', 'camera',
    'video camera', 'tablet', 'wii', 'controller', 'game controller', 'wii controller', 'speaker',
    'microphone', 'headphones', 'printer', 'charger', 'ipod', 'radio', 'router', 'projector', 'console',
  ],
  appliance: [
    'refrigerator', 'fridge', 'microwave', 'microwave oven', 'oven', 'stove', 'toaster', 'dishwasher',
    'washing machine', 'dryer', 'blender', 'coffee maker', 'kettle', 'mixer', 'freezer', 'toaster oven',
  ],
  fruit: [
    'apple', 'banana', 'orange', 'lemon', 'lime', 'grape', 'strawberry', 'pear', 'peach', 'watermelon',
    'pineapple', 'cherry', 'mango', 'kiwi', 'berry', 'blueberry', 'raspberry', 'melon', 'coconut',
    'avocado', 'tangerine', 'grapefruit', 'plum', 'papaya', 'pomegranate',
  ],
  vegetable: [
    'broccoli', 'carrot', 'tomato', 'lettuce', 'onion', 'potato', 'pepper', 'cucumber', 'corn', 'spinach',
    'celery', 'mushroom', 'cabbage', 'zucchini', 'bean', 'pea', 'cauliflower', 'asparagus', 'garlic',
    'eggplant', 'squash', 'pumpkin', 'radish', 'olive',
  ],
  food: [
    'fruit', 'vegetable', 'meat', 'pizza', 'sandwich', 'cake', 'bread', 'donut', 'doughnut', 'hot dog',
    'burger', 'hamburger', 'salad', 'soup', 'rice', 'pasta', 'noodles', 'cheese', 'egg', 'fries',
    'french fries', 'cookie', 'pie', 'nut', 'sauce', 'bacon', 'sausage', 'chicken', 'steak', 'fish',
    'dessert', 'pastry', 'muffin', 'bagel', 'croissant', 'cupcake', 'waffle', 'pancake', 'candy',
    'chocolate', 'snack', 'breakfast', 'lunch', 'dinner', 'meal', 'pizza slice', 'ham', 'beef',
  ],
  drink: ['water', 'coffee', 'tea', 'juice', 'milk', 'wine', 'beer', 'soda', 'smoothie', 'cocktail'],
  utensil: ['fork', 'knife', 'spoon', 'spatula', 'chopsticks', 'ladle', 'whisk', 'tongs'],
  tableware: ['plate', 'bowl', 'cup', 'mug', 'glass', 'saucer', 'dish', 'platter', 'tray', 'wine glass'],
  kitchenware: ['utensil', 'tableware', 'pot', 'pan', 'cutting board', 'kettle', 'teapot', 'pitcher'],
  container: ['bottle', 'jar', 'box', 'basket', 'bag', 'bucket', 'can', 'bin', 'crate', 'vase', 'container'],
  bag: ['backpack', 'purse', 'handbag', 'suitcase', 'luggage', 'shopping bag', 'tote bag'],
  accessory: ['glasses', 'sunglasses', 'goggles', 'watch', 'bracelet', 'necklace', 'earring', 'ring', 'bag'],
  plant: ['tree', 'bush', 'shrub', 'flower', 'grass', 'leaf', 'palm tree', 'plant', 'weed', 'cactus'],
  sign: ['street sign', 'stop sign', 'traffic sign', 'road sign', 'sign', 'signboard', 'billboard'],
  'sports equipment': [
    'ball', 'tennis ball', 'baseball', 'football', 'soccer ball', 'racket', 'bat', 'baseball bat',
    'glove', 'baseball glove', 'frisbee', 'kite', 'skateboard', 'surfboard', 'snowboard', 'ski', 'skis',
    'helmet', 'pole', 'ski pole',
  ],
  toy: ['teddy bear', 'doll', 'stuffed animal', 'kite', 'ball', 'toy'],
  shape: ['circle', 'square', 'triangle', 'star', 'hexagon', 'diamond', 'rectangle', 'oval', 'heart'],
  building: ['house', 'home', 'tower', 'church', 'skyscraper', 'barn', 'shed', 'garage', 'hut', 'cabin'],
});
